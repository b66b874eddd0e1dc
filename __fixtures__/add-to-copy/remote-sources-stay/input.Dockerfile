FROM alpine:3.20
ADD https://example.com/tool /usr/local/bin/tool
ADD http://example.com/app.jar /app/
ADD git@github.com:moby/buildkit.git /src
ADD https://github.com/moby/buildkit.git#v0.13.0 /src
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x /x
ADD --keep-git-dir=true https://github.com/moby/buildkit.git /buildkit
ADD "https://example.com/quoted" /q
