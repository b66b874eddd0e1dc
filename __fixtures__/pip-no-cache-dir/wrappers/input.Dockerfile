FROM python:3.12-slim
RUN sh -c "pip install requests"
RUN sudo pip install flask
RUN cat requirements.txt | xargs pip install
