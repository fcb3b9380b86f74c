// A fresh Spring Boot 3.5.7 app, its pom made from the README alone (see ../common/setup.groovy)
bootVersion = "3.5.7"
evaluate(new File(itDirectory, "common/setup.groovy"))
