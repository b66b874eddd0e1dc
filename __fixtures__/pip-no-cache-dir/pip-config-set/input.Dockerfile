FROM python:3.12-slim
RUN pip config set global.no-cache-dir false
RUN pip install requests
RUN pip config --global set install.no_cache_dir 1 && pip install flask
