FROM python:3.12-slim
RUN pip install --no-cache requests
RUN pip3 install --no-cach flask && python3 -m pip install --no-ca gunicorn
RUN pip install --no-cache-d -r requirements.txt
