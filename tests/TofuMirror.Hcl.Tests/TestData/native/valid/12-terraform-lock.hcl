# This file is maintained automatically by "tofu init".
# Manual edits may be lost in future updates.

provider "registry.opentofu.org/hashicorp/aws" {
  version     = "5.40.0"
  constraints = "~> 5.40"
  hashes = [
    "h1:8Q5ZRtHGUtvHmTYtOmTdhhl5lpNA2Q5rYXgC3fUvxzs=",
    "zh:0c5b5e1b0e3c1b2e3d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
  ]
}
