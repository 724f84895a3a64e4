terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.0"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.name}"
  location = "westeurope"
  tags = {
    owner = <<-EOT
      platform-team
    EOT
  }
}
