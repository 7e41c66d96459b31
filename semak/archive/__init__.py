"""The archive path: bulk scans in, claims out (issue 8).

    ingest.py    walk a folder tree, store each file once, queue one job per file; status
    jobs.py      RQ jobs on the ``archive`` queue: read a file page by page; group a batch
    ../parts.py  a long file's pages shared with helper jobs through Redis, read once each
    pages.py     streamed pages of long PDFs/TIFFs, documents as soon as they are complete
    grouping.py  pure: documents -> claims (IC, name, references, dates, separators)
    claims.py    groups -> claim data, verified by the verifier like uploads
    index.py     a batch's page index, CSV and JSON (``batch_index``)
    cli.py       ``flask --app app archive ingest|status|index``
    models.py    the archive_* tables (migration 0002_archive)

Scale-out: every worker process, on any machine, takes one job at a time from the shared
``archive`` queue (after ``interactive``): a file, or ten pages of a long file (semak/parts.py). A
second machine needs the same image (code, Tesseract with eng/msa/osd), the same REDIS_URL
and DATABASE_URL (PostgreSQL; SQLite is for one machine), and the stored files: STORAGE_DIR
on a shared mount (NFS/SMB), or an object store behind ``semak.storage.Storage``. Start one
``python worker.py`` per core. SEMAK_CACHE_DIR (the page cache; default
``instance/page-cache``) may stay local to each machine.
"""
