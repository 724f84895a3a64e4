# This file is maintained automatically by "tofu init".
# Manual edits may be lost in future updates.

provider "example.com/tofumirror/echo" {
  version     = "0.2.0"
  constraints = ">= 0.2.0, < 1.0.0"
  hashes = [
    "h1:94W8kn2gw5tsFqoGh14a6gn4o+EGFAF09+Pe+LeHINc=",
    "h1:ShV6RuXynZFdo/gvpCwgrpDAVZwARiZSkb0B13dj+es=",
    "h1:b2uITpj21/zlyqEyiKcs1QA9XoxqdQdCimWcIOdX/Sw=",
    "h1:vUG7M/Pqbm0W1cozHosMwRflVH+e5bF3COGTHMaaEms=",
    "h1:vho7oFuzDV/Kgipr44tF46qNviOQZC6856+j6wAYeOY=",
    "zh:1eb5921d17c7f5234b6592b8357d83520aa4d126415e371ec87d895c252ea981",
    "zh:250a3ce76f4307e81b6807d0a35379ab8d152762c81ff504c1e9c4cd7c8ad888",
    "zh:4f376eba93e7840503354c39f4ff2a5a8d290961eb4164bc4a7289ae7a0c0a1a",
    "zh:6878d4e40064d16f1ea98f441f7833a3dcea651bd0a6394fef515a899bb9ee3e",
    "zh:88779b13eb17dc5fa082c8feb7967bd950f9cdff4ae67c06af8958707a859a2f",
  ]
}

provider "registry.opentofu.org/tofumirror/demo" {
  version     = "1.1.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:0KBTvdyZQvvjVRryVvgfTok3vWcZKZimzT/XCSb/+Gs=",
    "h1:CsA6cJKZJLCb3UnnjDTDOXKh3U+yPSPx6VTVUDyK9OA=",
    "h1:T3C4IaRnGEXDeYM0Jn6HyZEszF45uAG8O4sACAFMbQA=",
    "h1:ZBXN3vfcYYFP9/uw5cZuGsVh/bbs6+lh/Rm/gBIXz0U=",
    "h1:czWXFo6TJg4wIrbEDIel11hs/5C5MZTvVNROJSNVotE=",
    "zh:0737e6163a0c03f19959263eef556c8d7007b2437c66c89107b9adbb5b5acb01",
    "zh:1a26bbbdd6c8317c7b4a0ac706aa20caa1d3616b9236a18fb74c8e4ba5d5a1f1",
    "zh:8e400c5b96e5b03b07be349be546d1d8ebece5fe19450bb085535b57084b2e69",
    "zh:9e8d98f2d387de74c7e5fbece175afed6bd798f23d2886ad14709c9fd56b2b40",
    "zh:f9ca30500757b00dbc55f06496b91fe1c524f794617d6a416e2fc9a175ed287a",
  ]
}
