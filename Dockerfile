# Semak: one image, two commands (web and worker). Debian bookworm, like scripts/setup.sh.
#   docker build -t semak .
#   docker run semak                                   # web (gunicorn) on $PORT
#   docker run semak python worker.py --name w1        # an RQ worker
# Debian's own Python 3.11 in a venv: the same packages as a fresh Debian machine gets from
# scripts/setup.sh, and a base image that a Debian mirror alone can rebuild (debootstrap).
FROM debian:bookworm-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_THREAD_LIMIT=1 \
    PORT=5000 \
    SEMAK_INSTANCE_DIR=/data \
    STORAGE_DIR=/data/storage \
    PATH=/opt/venv/bin:$PATH

# The runtime Debian packages of scripts/setup.sh (redis-server is a service of its own here;
# make is not needed inside the image).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 python3-venv ca-certificates tesseract-ocr tesseract-ocr-eng tesseract-ocr-msa tesseract-ocr-osd \
      fonts-dejavu-core fonts-liberation fonts-urw-base35 poppler-utils \
      libgl1 libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/* \
 && for lang in eng msa osd; do tesseract --list-langs 2>/dev/null | grep -qx "$lang" || exit 1; done

# Behind a TLS-inspecting proxy, put its CA (*.crt) in docker/ca-certificates/ before building.
COPY docker/ca-certificates/ /usr/local/share/ca-certificates/
RUN update-ca-certificates

WORKDIR /app
COPY requirements.txt .
# pip and setuptools upgraded first: bookworm's (23.0 / 66.1) have published advisories; the
# same pins as scripts/setup.sh
RUN python3 -m venv /opt/venv \
 && export PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
 && pip install --upgrade pip==26.3 setuptools==84.2.1 \
 && pip install -r requirements.txt

COPY . .
RUN useradd --uid 1000 --home-dir /app --no-create-home semak \
 && mkdir -p /data && chown semak /data
USER semak
VOLUME ["/data"]
EXPOSE 5000

# init-db is idempotent; the web runs it before serving so a fresh volume just works.
CMD ["sh", "-c", "flask --app app init-db && exec gunicorn --no-control-socket --bind 0.0.0.0:${PORT} --workers 2 --threads 4 --timeout 120 --access-logfile - 'app:create_app()'"]
