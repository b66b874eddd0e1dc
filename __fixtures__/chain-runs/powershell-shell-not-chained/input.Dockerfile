FROM debian
SHELL ["pwsh", "-Command"]
RUN Write-Host one
RUN Write-Host two
