# Semak: one image, two commands (web and worker). Debian bookworm, like scripts/setup.sh.
#   docker build -t semak .
#   docker run semak                                   # web (gunicorn) on $PORT
#   docker run semak python worker.py --name w1        # an RQ worker
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_THREAD_LIMIT=1 \
    PORT=5000 \
    SEMAK_INSTANCE_DIR=/data \
    STORAGE_DIR=/data/storage

# The runtime Debian packages of scripts/setup.sh (redis-server is a service of its own here;
# python3-venv and make are not needed inside the image).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-msa tesseract-ocr-osd \
      fonts-dejavu-core fonts-liberation fonts-urw-base35 poppler-utils \
      libgl1 libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/* \
 && for lang in eng msa osd; do tesseract --list-langs 2>/dev/null | grep -qx "$lang" || exit 1; done

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
RUN useradd --system --uid 1000 --home /app semak \
 && mkdir -p /data && chown semak /data
USER semak
VOLUME ["/data"]
EXPOSE 5000

# init-db is idempotent; the web runs it before serving so a fresh volume just works.
CMD ["sh", "-c", "flask --app app init-db && exec gunicorn --bind 0.0.0.0:${PORT} --workers 2 --threads 4 --timeout 120 --access-logfile - 'app:create_app()'"]
