"""The service layer: settings, database, stored files, queue, jobs, web and API.

Only this package knows SQLAlchemy, the storage backend and RQ; ``intake`` and
``verifier`` are plain libraries it calls.
"""
