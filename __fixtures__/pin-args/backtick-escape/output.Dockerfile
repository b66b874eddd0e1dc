# escape=`
ARG PRICE="C:\net\`$5 `"x`""
FROM mcr.microsoft.com/windows/servercore:ltsc2022
