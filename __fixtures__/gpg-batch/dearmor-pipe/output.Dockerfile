FROM ubuntu:24.04
RUN curl -fsSL https://download.docker.com/linux/ubuntu/gpg | gpg --batch --dearmor -o /etc/apt/keyrings/docker.gpg
RUN wget -qO- https://packages.example.com/key.asc | gpg --batch --dearmor > /usr/share/keyrings/example.gpg
