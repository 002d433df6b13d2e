<?php
$ch = curl_init('https://api.getaptly.com/api/aptlet/Zz9UnknownBoard1');
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json', 'x-token: ' . getenv('APTLY_KEY')]);
curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($card));
