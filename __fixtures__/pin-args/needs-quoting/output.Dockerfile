ARG GREETING='hello world'
ARG MESSAGE="it's \$HOME"
ARG PRICE="\$5 \"net\""
FROM alpine:3.20
