FROM mcr.microsoft.com/cbl-mariner/base/core:2.0
RUN tdnf install -y tar && tdnf clean all
