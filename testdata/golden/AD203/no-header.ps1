param([string]$BoardId)
$headers = @{ 'x-token' = $env:APTLY_KEY }
Invoke-RestMethod -Method Post -Uri "https://api.getaptly.com/api/aptlet/$BoardId" -Headers $headers -ContentType 'application/json' -Body (Get-Content card.json -Raw)
