FROM python:3.12-slim
RUN pip install --no-cache-dir pyserial
COPY reader.py /opt/reader.py
CMD ["python", "/opt/reader.py", "--port", "/dev/ttyUSB0"]
