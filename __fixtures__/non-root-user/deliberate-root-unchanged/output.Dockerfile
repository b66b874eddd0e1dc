FROM python:3.12-slim
RUN useradd --create-home worker
USER worker
COPY main.py /home/worker/main.py
USER root
CMD ["python", "/home/worker/main.py"]
