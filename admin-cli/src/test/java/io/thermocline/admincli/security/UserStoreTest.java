package io.thermocline.admincli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.sql.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
  private static final int FAST = 10_000;

  @TempDir Path dir;

  @Test
  void bootstrapCreatesTheFirstAdminOnceAndPasswordsSurviveAReopen() {
    UserStore users = UserStore.open(dir, FAST);
    String generated = users.bootstrap(null);
    assertThat(generated).hasSize(20);
    assertThat(users.bootstrap("other-password".toCharArray())).isNull();
    users.add("rita", Role.REPORTER, "report-pw-1".toCharArray());

    UserStore reopened = UserStore.open(dir, FAST);
    assertThat(reopened.authenticate("admin", generated.toCharArray()).role())
        .isEqualTo(Role.ADMIN);
    assertThat(reopened.authenticate("rita", "report-pw-1".toCharArray()).role())
        .isEqualTo(Role.REPORTER);
    assertThat(reopened.list())
        .extracting(UserAccount.UserInfo::name)
        .containsExactly("admin", "rita");
  }

  @Test
  void wrongPasswordsAndUnknownUsersFailAlike() {
    UserStore users = UserStore.open(dir, FAST);
    users.bootstrap("admin-password".toCharArray());
    assertThatThrownBy(() -> users.authenticate("admin", "nope-nope".toCharArray()))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("TC-4001")
        .hasMessageContaining("user or password wrong");
    assertThatThrownBy(() -> users.authenticate("ghost", "admin-password".toCharArray()))
        .hasMessageContaining("TC-4001");
    // the remembered login does not let a wrong password through
    users.authenticate("admin", "admin-password".toCharArray());
    assertThatThrownBy(() -> users.authenticate("admin", "admin-passwordX".toCharArray()))
        .hasMessageContaining("TC-4001");
  }

  @Test
  void passwordsAreStoredOnlyAsSaltedHashes() throws Exception {
    UserStore users = UserStore.open(dir, FAST);
    users.add("w1", Role.WRITER, "same-password".toCharArray());
    users.add("w2", Role.WRITER, "same-password".toCharArray());
    byte[] file = Files.readAllBytes(Path.of(users.file()));
    assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("same-password");
    // different salts give different hashes for the same password
    UserStore reopened = UserStore.open(dir, FAST);
    assertThat(reopened.authenticate("w1", "same-password".toCharArray()).name()).isEqualTo("w1");
  }

  @Test
  void changesAreCheckedAndTheLastAdminStays() {
    UserStore users = UserStore.open(dir, FAST);
    users.bootstrap("admin-password".toCharArray());
    assertThatThrownBy(() -> users.add("admin", Role.WRITER, "whatever-pw".toCharArray()))
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> users.add("bob", Role.WRITER, "short".toCharArray()))
        .hasMessageContaining("at least 8");
    assertThatThrownBy(() -> users.add("1bad name", Role.WRITER, "long-enough".toCharArray()))
        .hasMessageContaining("invalid");
    assertThatThrownBy(() -> users.remove("admin")).hasMessageContaining("last ADMIN");
    assertThatThrownBy(() -> users.setRole("admin", Role.REPORTER))
        .hasMessageContaining("last ADMIN");
    users.setPassword("admin", "new-password".toCharArray());
    assertThatThrownBy(() -> users.authenticate("admin", "admin-password".toCharArray()))
        .hasMessageContaining("TC-4001");
    assertThat(users.authenticate("admin", "new-password".toCharArray()).name()).isEqualTo("admin");
  }

  @Test
  void aDamagedUsersFileIsReportedAsCorrupt() throws Exception {
    UserStore users = UserStore.open(dir, FAST);
    users.bootstrap("admin-password".toCharArray());
    Path file = Path.of(users.file());
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 0x10;
    Files.write(file, b);
    assertThatThrownBy(() -> UserStore.open(dir, FAST))
        .isInstanceOfSatisfying(
            CorruptFileException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE))
        .hasMessageContaining(file.toString());
  }
}
