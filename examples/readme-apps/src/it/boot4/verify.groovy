// Starts the packaged app as users run it (see ../common/verify.groovy)
return evaluate(new File(itDirectory, "common/verify.groovy"))
