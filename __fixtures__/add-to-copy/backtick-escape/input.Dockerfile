# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ADD run.cmd C:\run.cmd
ADD https://example.com/tool.exe C:\tool.exe
