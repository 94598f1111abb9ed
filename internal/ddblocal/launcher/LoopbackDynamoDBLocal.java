// Starts DynamoDB Local (1.25.1) as its own main does, but listening on
// 127.0.0.1 only: DynamoDB Local has no bind-address option, and its
// DynamoDBProxyServer makes a Jetty server for a port on every interface.
// The connector's host is set before the server starts. Run in Java's
// source-file mode (JEP 330) with DynamoDBLocal.jar on the class path; see
// internal/ddblocal (Start).
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackDynamoDBLocal {
    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Connector[] connectors = ((Server) field.get(proxy)).getConnectors();
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind to loopback");
        }
        for (Connector c : connectors) {
            ((ServerConnector) c).setHost("127.0.0.1");
        }
        proxy.start();
    }
}
