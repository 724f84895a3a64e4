# Input variables with validation rules.
variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "The AWS region to deploy into."
}

variable "environment" {
  type = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be one of dev, staging or prod."
  }
}

variable "subnets" {
  type = map(object({
    cidr_block        = string
    availability_zone = string
    public            = optional(bool, false)
  }))
  default = {}
}

variable "instance_count" {
  type    = number
  default = 2

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 10
    error_message = "Between 1 and 10 instances, please (got ${var.instance_count})."
  }
}

variable "db_password" {
  type      = string
  sensitive = true
  nullable  = false
}
