FROM debian:bookworm
RUN sudo gem install --no-document rake && \
    sh -c "gem install --no-document rspec"
