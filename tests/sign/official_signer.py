"""Signs requests with huaweicloudsdkcore's own Signer, for tests/sign.rs.

Reads a JSON array of requests as coc-script-exec built them (method, url, headers
without Authorization, Host and X-Security-Token, body) with the credentials to sign
with, and writes a JSON array of the headers the official signer ends with.
"""

import json
import sys
from urllib.parse import parse_qsl, urlsplit

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest


def sign(item):
    url = urlsplit(item["url"])
    request = SdkRequest(
        method=item["method"],
        schema=url.scheme,
        host=url.netloc,
        resource_path=url.path,
        query_params=parse_qsl(url.query, keep_blank_values=True),
        header_params=dict(item["headers"]),
        body=item["body"].encode("utf-8") if item["body"] else "",
    )
    credentials = BasicCredentials(item["ak"], item["sk"])
    if item.get("security_token") is not None:
        credentials = credentials.with_security_token(item["security_token"])
    # The SDK's own path: X-Security-Token is added here, then Signer.sign (X-Sdk-Date is
    # kept as given, Host is taken from the endpoint's netloc).
    signed = credentials.sign_request(request)
    return {k: v.encode("iso-8859-1").decode("utf-8") for k, v in signed.header_params.items()}


json.dump([sign(item) for item in json.load(sys.stdin)], sys.stdout)
