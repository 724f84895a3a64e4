resource "tf_resource" "first" {
  test_string = "hello"
}