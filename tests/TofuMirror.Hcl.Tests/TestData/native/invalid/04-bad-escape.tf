variable "port" {
  validation {
    condition     = can(regex("^\d+$", var.port))
    error_message = "The port must be numeric."
  }
}
