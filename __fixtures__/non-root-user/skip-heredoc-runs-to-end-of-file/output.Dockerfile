FROM debian:12
CMD ["/usr/local/bin/app"]
# The heredoc below has no EOF line: it runs to the end of the file.
RUN cat <<EOF > /usr/local/bin/app && chmod +x /usr/local/bin/app
#!/bin/sh
echo hello
