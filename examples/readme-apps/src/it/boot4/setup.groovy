// A fresh Spring Boot 4.0.7 app, its pom made from the README alone (see ../common/setup.groovy)
bootVersion = "4.0.7"
evaluate(new File(itDirectory, "common/setup.groovy"))
