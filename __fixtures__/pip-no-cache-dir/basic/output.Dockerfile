FROM python:3.12-slim
RUN pip install --no-cache-dir requests
RUN pip3 install --no-cache-dir -r requirements.txt
RUN python -m pip install --upgrade pip
RUN python3 -m pip install --no-cache-dir flask
RUN /usr/local/bin/python3.12 -m pip install --no-cache-dir gunicorn
RUN pip3.12 --disable-pip-version-check install --no-cache-dir uvicorn
