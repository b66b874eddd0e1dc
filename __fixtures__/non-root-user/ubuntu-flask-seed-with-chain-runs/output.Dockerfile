FROM ubuntu:22.04
RUN apt-get update -y && apt-get install -y python3-pip python3-dev
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY ./requirements.txt /app/requirements.txt
WORKDIR /app
RUN pip3 install -r requirements.txt
COPY . /app
USER app
ENTRYPOINT [ "python3" ]
CMD [ "app.py" ]
