FROM python:3.12-slim
RUN printf '[global]\nno-cache-dir = true\n' > /etc/pip.conf
RUN pip install requests
