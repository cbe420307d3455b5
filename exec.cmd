@echo off
rem npm runs package scripts through cmd.exe on Windows, where "exec" (used in package.json so that on
rem macOS/Linux the shell is replaced by node and signals reach the console directly) does not exist.
rem This stand-in runs the rest of the line and passes its exit code back.
%*
exit /b %errorlevel%
