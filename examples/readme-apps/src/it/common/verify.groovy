// Starts the app from its packaged jar, as users run it, twice:
//  1. one Boot property, logging.structured.format.console=ecs: every log line on stdout is ECS JSON;
//  2. logging.config=classpath:logging.yaml: the dictConfig inside the jar shapes the lines.
// Each time: no warning line (Sluice's, SLF4J's or Boot's), and a request's X-Request-Id is the
// OperationId of the second service the app calls with Boot's WebClient.
import groovy.json.JsonSlurper

def jar = new File(basedir, "target/readme-app.jar")
assert jar.isFile() : "the packaged jar ${jar}"
def java = new File(System.getProperty("java.home"), "bin/java").path

def run = { List<String> props, String operationId ->
    def outFile = File.createTempFile("readme-app", ".out", new File(basedir, "target"))
    def errFile = File.createTempFile("readme-app", ".err", new File(basedir, "target"))
    def proc = new ProcessBuilder([java, "-jar", jar.path, "--server.port=0", "--server.address=127.0.0.1"] + props)
            .directory(basedir).redirectOutput(outFile).redirectError(errFile).start()
    def out = { outFile.getText("UTF-8") }
    def err = { errFile.getText("UTF-8") }
    try {
        def port = null
        def deadline = System.currentTimeMillis() + 180_000
        while (port == null) {
            def m = out() =~ /started on port (\d+)/
            if (m.find()) {
                port = m.group(1) as int
            }
            else {
                assert proc.isAlive() : "the app exited early:\n${out()}\n${err()}"
                assert System.currentTimeMillis() < deadline : "the app did not start:\n${out()}\n${err()}"
                Thread.sleep(100)
            }
        }
        def c = new URL("http://127.0.0.1:${port}/forward").openConnection()
        c.setRequestProperty("X-Request-Id", operationId)
        def answer = c.inputStream.getText("UTF-8")
        assert answer == operationId : "the second service saw OperationId '${answer}', not '${operationId}'"
    }
    finally {
        proc.destroy() // SIGTERM: Boot's graceful shutdown drains Sluice
        proc.waitFor()
    }
    def text = out() + err()
    assert !(text =~ /(?m)\bWARN(ING)?\b|SLF4J\(W\)/) : "a warning line at startup:\n${text}"
    return out()
}

def ecs = run(["--logging.structured.format.console=ecs"], "readme-ecs-1")
def json = ecs.readLines().findAll { it.startsWith("{") }.collect { new JsonSlurper().parseText(it) }
def started = json.find { it.message?.startsWith("Started App") }
assert started != null : "an ECS line 'Started App':\n${ecs}"
assert started["@timestamp"] != null && started["log.level"] == "INFO" && started["log.logger"] == "app.App"
assert ecs.readLines().findAll { it.trim() && !it.startsWith("{") }.every { !(it =~ / (INFO|DEBUG|ERROR) /) } :
        "every log line is ECS JSON:\n${ecs}"

def yaml = run(["--logging.config=classpath:logging.yaml"], "readme-yaml-1")
assert yaml =~ /YAML INFO app\.App op=\S* - Started App/ : "the dictConfig inside the jar:\n${yaml}"
assert yaml.contains("op=readme-yaml-1") : "the request's lines carry its OperationId:\n${yaml}"
return true
