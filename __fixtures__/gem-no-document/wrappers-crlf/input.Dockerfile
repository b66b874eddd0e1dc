FROM debian:bookworm
RUN sudo gem install rake && \
    sh -c "gem install rspec"
