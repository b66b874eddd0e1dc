FROM python:3.12-slim

RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
# Dependencies first, for the layer cache
COPY requirements.txt /opt/app/
RUN pip install --no-cache-dir -r /opt/app/requirements.txt

# The application
COPY . /opt/app/
USER app
# Start the server
CMD ["python", "/opt/app/main.py"]
