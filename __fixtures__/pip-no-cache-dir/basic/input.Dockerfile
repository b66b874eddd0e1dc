FROM python:3.12-slim
RUN pip install requests
RUN pip3 install -r requirements.txt
RUN python -m pip install --upgrade pip
RUN python3 -m pip install flask
RUN /usr/local/bin/python3.12 -m pip install gunicorn
RUN pip3.12 --disable-pip-version-check install uvicorn
