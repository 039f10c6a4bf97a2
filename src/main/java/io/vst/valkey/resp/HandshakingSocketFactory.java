package io.vst.valkey.resp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Wraps the TLS socket factory so the handshake happens at once, within the connection timeout, and a
 * failure says what it means. Without this the handshake ran lazily under the (much longer) socket
 * timeout: TLS to a plaintext server waited a minute, then blamed a timeout.
 */
public final class HandshakingSocketFactory extends SSLSocketFactory {

    /** Start of every message a failed handshake with a server that does not speak TLS produces. */
    static final String NOT_TLS = "TLS handshake failed: is the server TLS?";

    private final SSLSocketFactory delegate;
    private final SSLParameters parameters;
    private final int handshakeMillis;

    public HandshakingSocketFactory(SSLSocketFactory delegate, SSLParameters parameters, int handshakeMillis) {
        this.delegate = delegate;
        this.parameters = parameters;
        this.handshakeMillis = handshakeMillis;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return handshake((SSLSocket) delegate.createSocket(s, host, port, autoClose), host, port);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return handshake((SSLSocket) delegate.createSocket(host, port), host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return handshake((SSLSocket) delegate.createSocket(host, port, localHost, localPort), host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return handshake((SSLSocket) delegate.createSocket(host, port), host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return handshake((SSLSocket) delegate.createSocket(address, port, localAddress, localPort),
                address.getHostAddress(), port);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private SSLSocket handshake(SSLSocket socket, String host, int port) throws IOException {
        socket.setSSLParameters(parameters);
        int socketTimeout = socket.getSoTimeout();
        socket.setSoTimeout(handshakeMillis > 0 ? handshakeMillis : socketTimeout);
        try {
            socket.startHandshake();
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new SSLHandshakeException(NOT_TLS + " (no TLS answer from " + host + ":" + port + " within "
                    + handshakeMillis + " ms)");
        } catch (SSLException e) {
            socket.close();
            throw explain(e, host, port);
        }
        socket.setSoTimeout(socketTimeout);
        return socket;
    }

    /** A certificate problem is told apart from a server that does not speak TLS at all. */
    private static SSLHandshakeException explain(SSLException e, String host, int port) {
        String text = String.valueOf(e.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        boolean certificate = hasCertificateCause(e) || lower.contains("pkix") || lower.contains("certificate")
                || lower.contains("subject alternative") || lower.contains("no name matching");
        return new SSLHandshakeException(certificate
                ? "TLS handshake failed: the certificate of " + host + ":" + port + " is not trusted (" + text + ")"
                : NOT_TLS + " (" + host + ":" + port + " answered, but not with TLS)");
    }

    private static boolean hasCertificateCause(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }
}
