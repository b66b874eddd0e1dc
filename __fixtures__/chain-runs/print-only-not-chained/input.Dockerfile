FROM node:20-slim
RUN curl -s -o /srv/london.txt https://example.com/london.txt
RUN cat /srv/london.txt
RUN echo "built" 2>&1
RUN node --version
RUN npm -v && which node
RUN ls -la /srv >/dev/null
RUN mkdir /srv/app
