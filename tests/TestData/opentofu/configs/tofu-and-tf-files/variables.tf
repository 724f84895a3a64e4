variable "should_override" {
    default = "not overridden"
}
