FROM python:3.12-slim
RUN sh -c "pip install --no-cache-dir requests"
RUN sudo pip install --no-cache-dir flask
RUN cat requirements.txt | xargs pip install --no-cache-dir
