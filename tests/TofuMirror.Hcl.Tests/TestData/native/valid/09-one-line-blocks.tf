resource "null_resource" "one_line" { triggers = { always = timestamp() } }
resource "null_resource" "empty" {}
locals { single = 1 }

moved {
  from = aws_instance.old
  to   = aws_instance.web[0]
}

import {
  to = aws_s3_bucket.logs
  id = "acme-logs"
}

check "health" {
  data "http" "site" { url = "https://example.com" }

  assert {
    condition     = data.http.site.status_code == 200
    error_message = "${data.http.site.url} returned an unhealthy status code"
  }
}

removed {
  from = aws_instance.legacy
  lifecycle { destroy = false }
}
