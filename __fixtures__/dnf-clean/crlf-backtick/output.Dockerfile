# escape=`
FROM fedora:40
RUN dnf install -y `
        make `
        patch && `
        dnf clean all
