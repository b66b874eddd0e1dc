# escape=`
ARG PRICE="1"
FROM mcr.microsoft.com/windows/servercore:ltsc2022
