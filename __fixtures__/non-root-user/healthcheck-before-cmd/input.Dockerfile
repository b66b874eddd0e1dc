FROM python:3.12-slim
COPY app.py /opt/app.py
RUN pip install --no-cache-dir requests
EXPOSE 8080
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8080/')"
CMD ["python", "/opt/app.py"]
