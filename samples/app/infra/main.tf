# A small root module for the TofuMirror sample: two providers, restored from the OCI mirror
# that ships in samples/oci-mirror (an OCI image-layout folder).
terraform {
  required_version = ">= 1.10"

  # Fully qualified sources: OpenTofu and Terraform would read a bare "tofumirror/demo" as registry.opentofu.org/…
  # and registry.terraform.io/… respectively; with the host named, both install the same locked provider.
  required_providers {
    demo = {
      source  = "registry.opentofu.org/tofumirror/demo"
      version = "~> 1.0"
    }
    echo = {
      source  = "example.com/tofumirror/echo"
      version = ">= 0.2.0, < 1.0.0"
    }
  }
}

provider "demo" {
  greeting = "hello from ${local.environment}"
}

locals {
  environment = "sample"
  tags        = { for name in ["app", "db"] : name => upper(name) }
}
