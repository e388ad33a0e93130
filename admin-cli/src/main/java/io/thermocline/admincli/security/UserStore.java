package io.thermocline.admincli.security;

import io.thermocline.admincli.security.UserAccount.UserInfo;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.format.ChecksumInput;
import io.thermocline.common.format.ChecksumOutput;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.sql.security.Authenticator;
import io.thermocline.sql.security.Role;
import io.thermocline.sql.security.SqlUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The users of one data directory, kept in {@code <data>/security/users}: a Thermocline file
 * (magic, format name, version, CRC32C footer; DESIGN.md section 11) replaced atomically on every
 * change. Passwords are stored only as {@link PasswordHash}es.
 *
 * <p>A successful login is remembered as a salted SHA-256 of the password (in memory only), so a
 * client that authenticates every request (HTTP basic auth, one JDBC connection per report) pays
 * the slow hash once, not per request; any change to a user forgets it.
 *
 * <p>Concurrency: changes serialize on this object's monitor and publish an immutable map through a
 * volatile field (copy-on-write); authentication reads that map without a lock.
 */
public final class UserStore {
  /** The users file's format; version 1 holds name, role, iterations, salt, hash, created. */
  static final int VERSION_START = 1;

  static final FileFormat FORMAT = FileFormat.of("thermocline-users", VERSION_START, VERSION_START);

  /** The user the first start creates. */
  public static final String FIRST_ADMIN = "admin";

  /** The shortest password accepted. */
  public static final int MIN_PASSWORD_LENGTH = 8;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FileIO io;
  private final String file;
  private final int iterations;
  private final byte[] pepper = new byte[16];
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
  private final PasswordHash dummy;
  private volatile Map<String, UserAccount> users;

  private UserStore(FileIO io, String file, int iterations, Map<String, UserAccount> users) {
    this.io = io;
    this.file = file;
    this.iterations = iterations;
    this.users = Collections.unmodifiableMap(users);
    RANDOM.nextBytes(pepper);
    this.dummy = PasswordHash.create("not a password".toCharArray(), iterations);
  }

  /** Opens the users of {@code dataDirectory}; an absent file is an empty store. */
  public static UserStore open(Path dataDirectory, int iterations) {
    FileIO io = LocalFileIO.INSTANCE;
    Path dir = dataDirectory.resolve("security");
    String file = dir.resolve("users").toString();
    try {
      io.mkdirs(dir.toString());
      Map<String, UserAccount> loaded =
          io.exists(file) ? FORMAT.read(io, file, UserStore::readBody) : new TreeMap<>();
      return new UserStore(io, file, iterations, loaded);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot read the users file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The users file. */
  public String file() {
    return file;
  }

  public boolean isEmpty() {
    return users.isEmpty();
  }

  /**
   * Creates the first ADMIN when there is no user yet: with {@code password} if given, else with a
   * generated one that is returned so the server can print it once. Returns null when nothing was
   * generated (users existed, or the password was given).
   */
  public synchronized String bootstrap(char[] password) {
    if (!users.isEmpty()) {
      return null;
    }
    if (password != null && password.length > 0) {
      add(FIRST_ADMIN, Role.ADMIN, password);
      return null;
    }
    String generated = generatePassword();
    add(FIRST_ADMIN, Role.ADMIN, generated.toCharArray());
    return generated;
  }

  /**
   * The user whose password this is, or AUTHENTICATION_FAILED (which does not say whether the user
   * exists; an unknown user costs the same hash as a known one).
   */
  public UserInfo authenticate(String user, char[] password) {
    if (user == null || password == null) {
      throw failed(user);
    }
    UserAccount account = users.get(user);
    byte[] fast = fastDigest(user, password);
    if (account != null) {
      byte[] known = verified.get(user);
      if (known != null && MessageDigest.isEqual(known, fast)) {
        return account.info();
      }
      if (account.password().matches(password)) {
        verified.put(user, fast);
        return account.info();
      }
    } else {
      dummy.matches(password);
    }
    throw failed(user);
  }

  /** This store as the JDBC server's authenticator: the same users, passwords and roles. */
  public Authenticator asAuthenticator() {
    return (user, password) -> {
      UserInfo u = authenticate(user, password);
      return new SqlUser(u.name(), u.role());
    };
  }

  public List<UserInfo> list() {
    List<UserInfo> out = new ArrayList<>();
    for (UserAccount a : users.values()) {
      out.add(a.info());
    }
    return out;
  }

  public Optional<UserInfo> find(String name) {
    UserAccount a = users.get(name);
    return a == null ? Optional.empty() : Optional.of(a.info());
  }

  /** Adds a user; a bad or taken name or a short password is INVALID_ARGUMENT. */
  public synchronized UserInfo add(String name, Role role, char[] password) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "user name '"
              + name
              + "' is invalid: letters, digits, _ . - (up to 64), not a digit first");
    }
    if (users.containsKey(name)) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "user " + name + " already exists");
    }
    checkPassword(name, password);
    Map<String, UserAccount> next = new TreeMap<>(users);
    UserAccount a =
        new UserAccount(name, role, PasswordHash.create(password, iterations), Instant.now());
    next.put(name, a);
    publish(next);
    return a.info();
  }

  public synchronized void setPassword(String name, char[] password) {
    UserAccount a = require(name);
    checkPassword(name, password);
    Map<String, UserAccount> next = new TreeMap<>(users);
    next.put(
        name,
        new UserAccount(name, a.role(), PasswordHash.create(password, iterations), a.created()));
    publish(next);
  }

  public synchronized void setRole(String name, Role role) {
    UserAccount a = require(name);
    if (a.role() == Role.ADMIN && role != Role.ADMIN) {
      requireAnotherAdmin(name);
    }
    Map<String, UserAccount> next = new TreeMap<>(users);
    next.put(name, new UserAccount(name, role, a.password(), a.created()));
    publish(next);
  }

  /** Removes a user; the last ADMIN cannot be removed (nobody could manage users after). */
  public synchronized void remove(String name) {
    UserAccount a = require(name);
    if (a.role() == Role.ADMIN) {
      requireAnotherAdmin(name);
    }
    Map<String, UserAccount> next = new TreeMap<>(users);
    next.remove(name);
    publish(next);
  }

  private void requireAnotherAdmin(String name) {
    for (UserAccount u : users.values()) {
      if (u.role() == Role.ADMIN && !u.name().equals(name)) {
        return;
      }
    }
    throw new ThermoException(
        ErrorCode.INVALID_ARGUMENT, "user " + name + " is the last ADMIN; add another ADMIN first");
  }

  private UserAccount require(String name) {
    UserAccount a = users.get(name);
    if (a == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "unknown user " + name + "; users: " + users.keySet());
    }
    return a;
  }

  private static void checkPassword(String name, char[] password) {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "the password of " + name + " must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }

  private void publish(Map<String, UserAccount> next) {
    try {
      FORMAT.writeAtomically(io, file, out -> writeBody(out, next));
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot write the users file " + file + ": " + e.getMessage(), e);
    }
    users = Collections.unmodifiableMap(next);
    verified.clear();
  }

  private static void writeBody(ChecksumOutput out, Map<String, UserAccount> users)
      throws IOException {
    out.writeInt(users.size());
    for (UserAccount a : users.values()) {
      out.writeString(a.name());
      out.writeString(a.role().name());
      out.writeInt(a.password().iterations());
      writeBytes(out, a.password().salt());
      writeBytes(out, a.password().hash());
      out.writeLong(a.created().toEpochMilli());
    }
  }

  private static Map<String, UserAccount> readBody(ChecksumInput in, int version)
      throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000) {
      throw in.corrupt("implausible user count " + n);
    }
    Map<String, UserAccount> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readString();
      String roleName = in.readString();
      Role role;
      try {
        role = Role.valueOf(roleName);
      } catch (IllegalArgumentException e) {
        throw in.corrupt("user " + name + " has the unknown role " + roleName);
      }
      int iterations = in.readInt();
      byte[] salt = readBytes(in);
      byte[] hash = readBytes(in);
      Instant created = Instant.ofEpochMilli(in.readLong());
      out.put(name, new UserAccount(name, role, new PasswordHash(iterations, salt, hash), created));
    }
    return out;
  }

  private static void writeBytes(ChecksumOutput out, byte[] b) throws IOException {
    out.writeVLong(b.length);
    out.writeBytes(b);
  }

  private static byte[] readBytes(ChecksumInput in) throws IOException {
    long n = in.readVLong();
    if (n < 0 || n > 1024) {
      throw in.corrupt("implausible length " + n);
    }
    in.require(n);
    byte[] b = new byte[(int) n];
    in.readBytes(b, 0, b.length);
    return b;
  }

  private byte[] fastDigest(String user, char[] password) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(pepper);
      md.update(user.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(new String(password).getBytes(StandardCharsets.UTF_8));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new ThermoException(ErrorCode.INTERNAL, "SHA-256 unavailable", e);
    }
  }

  private static ThermoException failed(String user) {
    return new ThermoException(
        ErrorCode.AUTHENTICATION_FAILED, "user or password wrong (user " + user + ")");
  }

  /** A random password of 20 characters from an alphabet without look-alikes. */
  public static String generatePassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder sb = new StringBuilder(20);
    for (int i = 0; i < 20; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
