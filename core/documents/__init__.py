"""Documents that go to print: the official list (名单) as Word and PDF, certificates
(荣誉证书) and the shared official-document layout (GB/T 9704-2012).

Imports no app: each app hands in what it prints (a core.rolls.Roll, certificate fields).
"""
