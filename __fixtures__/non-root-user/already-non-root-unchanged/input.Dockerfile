FROM python:3.12-slim
RUN useradd --create-home worker
COPY main.py /home/worker/main.py
USER worker
CMD ["python", "/home/worker/main.py"]
