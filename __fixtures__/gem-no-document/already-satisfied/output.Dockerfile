FROM alpine:3.20
RUN gem install -N rake
RUN gem install --no-document rake
RUN gem install rake --no-rdoc --no-ri
RUN gem install --document=ri rake
RUN gem list && gem update --system
