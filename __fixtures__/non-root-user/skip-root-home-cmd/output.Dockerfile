FROM python:3.12-slim
COPY app.py /opt/app.py
RUN pip install --no-cache-dir requests
CMD ["python", "/opt/app.py", "--config", "/root/.config/app.toml"]
