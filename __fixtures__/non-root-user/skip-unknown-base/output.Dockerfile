FROM mycompany/base:1.4
COPY app /usr/local/bin/app
CMD ["app"]
