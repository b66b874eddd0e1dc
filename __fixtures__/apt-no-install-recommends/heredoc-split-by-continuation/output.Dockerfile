FROM debian:12
# The heredoc marker is split by a continuation: the RUN lines below are text of /etc/motd.
RUN cat <\
<EOF > /etc/motd
RUN apt-get install -y one
RUN echo two
EOF
CMD ["cat", "/etc/motd"]
